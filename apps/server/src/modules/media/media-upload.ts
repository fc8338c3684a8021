/**
 * Receiving one uploaded file, for order media and profile pictures alike: it streams to storage
 * while it is hashed and measured, its type is sniffed from the first bytes and anything not
 * accepted is refused before the rest is stored, and a refused or failed upload leaves no file.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { ErrorCode } from '@igniflo/contract';
import { AppError } from '../../lib/errors.ts';
import type { MediaStorage } from './media-storage.ts';
import { sniffType } from './media-type.ts';

const SNIFF_BYTES = 4100;

/** Pictures: what a thumbnail or a profile picture can be made of. */
export const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export const unsupportedType = (message: string) =>
  new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415, message);
const tooLarge = (max: number) =>
  new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 413, `Files may be at most ${Math.floor(max / 1024 / 1024)} MiB`);

/**
 * A body that is not valid multipart (no boundary, cut short, garbage) is the client's mistake,
 * a 400. Busboy gives these errors no code, so they are known by their messages.
 */
const MALFORMED_MULTIPART =
  /^Multipart: Boundary not found|unexpected end of multipart data|^The needle cannot/i;
const asUploadError = (error: unknown): unknown =>
  error instanceof Error && MALFORMED_MULTIPART.test(error.message)
    ? new AppError(ErrorCode.BAD_REQUEST, 400, 'The multipart body is malformed or incomplete')
    : error;

/**
 * The one file of a multipart request, read only when called: a route checks who may upload
 * before a byte of the body is read. A request that is not multipart is refused with 415.
 */
export function multipartFile(
  request: FastifyRequest,
  maxBytes: number,
): () => Promise<MultipartFile | undefined> {
  if (!request.isMultipart()) {
    throw unsupportedType('Send the file as multipart/form-data');
  }
  return () => request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
}

/** Hashes and counts what flows through, and sniffs the type from the first bytes before letting more pass. */
class Inspector extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  mime: string | null = null;
  #head: Buffer[] = [];
  #headLength = 0;

  constructor(
    private readonly accept: readonly string[],
    private readonly refusal: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.mime !== null) return done(null, chunk);
    this.#head.push(chunk);
    this.#headLength += chunk.length;
    if (this.#headLength < SNIFF_BYTES) return done();
    this.#sniff(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.mime !== null) return done();
    this.#sniff(done);
  }

  #sniff(done: TransformCallback): void {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    sniffType(head).then(
      (mime) => {
        if (!mime || !this.accept.includes(mime)) return done(unsupportedType(this.refusal));
        this.mime = mime;
        done(null, head);
      },
      () => done(unsupportedType(this.refusal)),
    );
  }
}

export interface ReceivedFile {
  /** The name the client gave, never trusted for the type. */
  fileName: string | undefined;
  mime: string;
  size: number;
  sha256: string;
  /** Where the bytes are until the caller commits them under a key or discards them. */
  localPath: string;
  commit(key: string): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Streams the request's file into storage, uncommitted. Refuses a missing file (400), a type not in
 * `accept` by content (415, with `refusal` as the message), an empty file (415) and one over
 * `maxBytes` (413); each of those leaves nothing stored.
 */
export async function receiveUpload(
  storage: MediaStorage,
  nextFile: () => Promise<MultipartFile | undefined>,
  { maxBytes, accept, refusal }: { maxBytes: number; accept: readonly string[]; refusal: string },
): Promise<ReceivedFile> {
  const file = await nextFile().catch((error: unknown) => {
    throw asUploadError(error);
  });
  if (!file)
    throw new AppError(
      ErrorCode.VALIDATION_ERROR,
      400,
      'Send the file as multipart/form-data in a field named "file"',
    );
  const target = await storage.create();
  const inspector = new Inspector(accept, refusal);
  try {
    await pipeline(file.file, inspector, target.sink);
    if (file.file.truncated) throw tooLarge(maxBytes);
  } catch (error) {
    await target.discard();
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || file.file.truncated)
      throw tooLarge(maxBytes);
    throw asUploadError(error);
  }
  const mime = inspector.mime;
  if (!mime || inspector.size === 0) {
    await target.discard();
    throw unsupportedType(refusal);
  }
  return {
    fileName: file.filename,
    mime,
    size: inspector.size,
    sha256: inspector.hash.digest('hex'),
    localPath: target.localPath,
    commit: (key) => target.commit(key),
    discard: () => target.discard(),
  };
}

/**
 * A WebP rendering of the picture at `localPath`, at most `size` pixels a side ('inside'), or
 * cropped to exactly that square ('cover'), stored under `key`. False, with nothing stored, when
 * the picture cannot be decoded.
 */
export async function writeThumbnail(
  storage: MediaStorage,
  localPath: string,
  key: string,
  { size, fit }: { size: number; fit: 'inside' | 'cover' },
): Promise<boolean> {
  const target = await storage.create();
  try {
    const resized = sharp(localPath, { animated: false })
      .rotate()
      .resize(size, size, { fit })
      .webp({ quality: fit === 'cover' ? 80 : 70 });
    await pipeline(resized, target.sink);
    await target.commit(key);
    return true;
  } catch {
    await target.discard();
    return false;
  }
}
