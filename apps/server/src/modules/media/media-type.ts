import { fileTypeFromBuffer } from 'file-type';

/** What may be uploaded, by sniffed content (SPEC §7), and the extension each is saved with. */
export const ALLOWED_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
};

/** The allowed MIME type the bytes really are, or null. The file name and client header are never trusted. */
export async function sniffType(head: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(head);
  if (!detected) return null;
  return detected.mime in ALLOWED_TYPES ? detected.mime : null;
}

/** A safe display name whose extension matches the real type: a PNG named "x.pdf" becomes "x.png". */
export function safeFileName(name: string | undefined, mime: string): string {
  const last = (name ?? 'file').split(/[\\/]/).pop() ?? 'file';
  const base = [...last]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127 && c !== '"')
    .join('')
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${ALLOWED_TYPES[mime] ?? 'bin'}`;
}
