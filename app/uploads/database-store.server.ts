import type { Db } from "~/db.server";
import { acceptUpload, typeOfUploadName, type UploadStore } from "./upload";

/**
 * Uploads as rows of the Upload table, so that every instance on one database serves every upload.
 * Reading selects the bytes alone: the type follows from the name, as in the directory store.
 */
export function databaseUploadStore(db: Db): UploadStore {
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
      return row && { bytes: row.bytes, type };
    },

    async delete(name) {
      if (typeOfUploadName(name)) await db.upload.deleteMany({ where: { name } });
    },
  };
}
