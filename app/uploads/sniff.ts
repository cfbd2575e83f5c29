/** File types the upload store accepts, recognised by their first bytes, never by name or browser claim. */
export const UPLOAD_TYPES = {
  "image/jpeg": { extension: "jpg", magic: [[0xff, 0xd8, 0xff]] },
  "image/png": { extension: "png", magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  "image/webp": { extension: "webp", magic: [] },
  "application/pdf": { extension: "pdf", magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
} as const;
export type UploadType = keyof typeof UPLOAD_TYPES;

/** The types a photo may have (proposals, parklets, realisation updates). */
export const PHOTO_TYPES: readonly UploadType[] = ["image/jpeg", "image/png", "image/webp"];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

export function sniffType(bytes: Uint8Array): UploadType | null {
  // WebP: "RIFF" <size> "WEBP"
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  for (const [type, { magic }] of Object.entries(UPLOAD_TYPES)) {
    if (magic.some((signature) => startsWith(bytes, signature))) return type as UploadType;
  }
  return null;
}

export function extensionOf(type: UploadType): string {
  return UPLOAD_TYPES[type].extension;
}

export function typeOfStoredName(name: string): UploadType | null {
  const extension = name.split(".").pop();
  const entry = Object.entries(UPLOAD_TYPES).find(([, value]) => value.extension === extension);
  return entry ? (entry[0] as UploadType) : null;
}
