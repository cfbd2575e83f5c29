import fs from "node:fs/promises";
import path from "node:path";
import { acceptUpload, typeOfUploadName, type UploadStore } from "./upload";

export function uploadDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.UPLOAD_DIR ?? path.join("data", "uploads"));
}

/** Uploads as files in one directory (UPLOAD_DIR), each under its random name. */
export function directoryUploadStore(dir: string = uploadDir()): UploadStore {
  return {
    async save(bytes, options) {
      const accepted = acceptUpload(bytes, options);
      if (!accepted.ok) return accepted;
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, accepted.name), bytes, { flag: "wx" });
      return accepted;
    },

    async read(name) {
      const type = typeOfUploadName(name);
      if (!type) return null;
      try {
        return { bytes: await fs.readFile(path.join(dir, name)), type };
      } catch {
        return null;
      }
    },

    async delete(name) {
      if (typeOfUploadName(name)) await fs.rm(path.join(dir, name), { force: true });
    },
  };
}
