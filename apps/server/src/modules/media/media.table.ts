import type { Selectable } from 'kysely';

export interface MediaFilesTable {
  id: string;
  order_id: string;
  uploader_id: string;
  /** 1 when staff or an admin uploaded it: customers see those only once the order is delivered or completed. */
  uploaded_by_staff: number;
  file_name: string;
  /** Sniffed from the content, never taken from the name or the client. */
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  thumbnail_key: string | null;
  created_at: string;
}
export type MediaRow = Selectable<MediaFilesTable>;
