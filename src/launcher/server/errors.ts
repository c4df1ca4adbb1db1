// The API's one error shape, `{code, message, details?}` (schemas/launcher-error.schema.json, whose
// generated type is the authority for the codes): handlers and hooks throw ApiError, the app's
// error handler turns it (and fastify's own errors) into that shape.
import type { LauncherError } from '../../core/validation/generated/launcher-error.ts';

export type ApiErrorCode = LauncherError['code'];

export interface FieldError {
  /** JSON pointer into the request body (`/options/log`), or a header name. */
  readonly field: string;
  readonly message: string;
}

export type ApiErrorBody = Readonly<LauncherError>;

const STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_JSON: 400,
  BAD_OPTION: 400,
  BAD_PATH: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MISDIRECTED: 421,
  RATE_LIMITED: 429,
  QUEUE_FULL: 429,
  INTERNAL: 500,
  DISK_FULL: 507,
};

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.status = STATUS[code];
  }

  /** One offending field. */
  static field(code: ApiErrorCode, field: string, message: string): ApiError {
    return new ApiError(code, `${field}: ${message}`, [{ field, message }]);
  }

  body(): ApiErrorBody {
    const first = this.errors[0];
    if (!first) return { code: this.code, message: this.message };
    return {
      code: this.code,
      message: this.message,
      details: { field: first.field, errors: [...this.errors] },
    };
  }
}
