/**
 * Receiving one uploaded file, for order media and profile pictures alike: it streams to storage
 * while it is hashed and measured, its type is sniffed from the first bytes and anything not
 * accepted is refused before the rest is stored, and a refused or failed upload leaves no file.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
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
/** @fastify/multipart's codes for a part beyond the limits: here, anything besides the one file. */
const EXTRA_PART = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);
const ONE_FILE = 'Send exactly one file, in a multipart field named "file", and nothing else';
const notOneFile = () => new AppError(ErrorCode.VALIDATION_ERROR, 400, ONE_FILE);
const asUploadError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  if (EXTRA_PART.has((error as { code?: string }).code ?? '')) return notOneFile();
  return MALFORMED_MULTIPART.test(error.message)
    ? new AppError(ErrorCode.BAD_REQUEST, 400, 'The multipart body is malformed or incomplete')
    : error;
};

/** A multipart body of one file, read only when asked: a route checks who may upload first. */
export interface Upload {
  /** The file, or undefined for an empty body; any other first part is refused (400). */
  file(): Promise<MultipartFile | undefined>;
  /** Reads to the end of the body once the file has been read: a second part is refused (400). */
  end(): Promise<void>;
}

/** The upload of a request, which must be multipart (415 otherwise). */
export function multipartUpload(request: FastifyRequest, maxBytes: number): Upload {
  if (!request.isMultipart()) {
    throw unsupportedType('Send the file as multipart/form-data');
  }
  let parts: AsyncIterableIterator<Multipart> | undefined;
  return {
    async file() {
      parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
      const first = await parts.next();
      if (first.done) return undefined;
      if (first.value.type !== 'file' || first.value.fieldname !== 'file') {
        if (first.value.type === 'file') first.value.file.resume();
        throw notOneFile();
      }
      return first.value;
    },
    async end() {
      const rest = await parts?.next();
      if (rest && !rest.done) throw notOneFile();
    },
  };
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
 * Streams the request's file into storage, uncommitted. Refuses a missing file or anything more than
 * the one file (400), a type not in
 * `accept` by content (415, with `refusal` as the message), an empty file (415) and one over
 * `maxBytes` (413); each of those leaves nothing stored.
 */
export async function receiveUpload(
  storage: MediaStorage,
  upload: Upload,
  { maxBytes, accept, refusal }: { maxBytes: number; accept: readonly string[]; refusal: string },
): Promise<ReceivedFile> {
  const file = await upload.file().catch((error: unknown) => {
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
    await upload.end();
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
  // Loaded on the first picture: the image library costs every start of the server about 3 %.
  const { default: sharp } = await import('sharp');
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
