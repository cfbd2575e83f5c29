import type { Db } from "~/db.server";
import { acceptUpload, typeOfUploadName, type UploadStore } from "./upload";

/**
 * Uploads as rows of the Upload table, so that every instance on one database serves every upload.
 * Reading selects the bytes alone: the type follows from the name, as in the directory store. An upload
 * stored `earlier` (the directory an installation used before it switched) is still read and deleted there.
 */
export function databaseUploadStore(db: Db, earlier?: UploadStore): UploadStore {
  return {
    async save(bytes, options) {
      const accepted = acceptUpload(bytes, options);
      if (!accepted.ok) return accepted;
      await db.upload.create({ data: { name: accepted.name, contentType: accepted.type, size: accepted.size, bytes } });
      return accepted;
    },

    async read(name) {
      const type = typeOfUploadName(name);
      if (!type) return null;
      const row = await db.upload.findUnique({ where: { name }, select: { bytes: true } });
      return row ? { bytes: row.bytes, type } : ((await earlier?.read(name)) ?? null);
    },

    async delete(name) {
      if (!typeOfUploadName(name)) return;
      await db.upload.deleteMany({ where: { name } });
      await earlier?.delete(name);
    },
  };
}
