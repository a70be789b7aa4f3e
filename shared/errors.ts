/**
 * One error type for everything a user or a client system can get wrong. The code decides the
 * HTTP status and the tRPC code; `userMessage` is what people read (Vietnamese first), `message`
 * is for logs.
 */

export const APP_ERROR_CODES = {
  UNAUTHENTICATED: { http: 401, trpc: 'UNAUTHORIZED' },
  FORBIDDEN: { http: 403, trpc: 'FORBIDDEN' },
  NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  BAD_REQUEST: { http: 400, trpc: 'BAD_REQUEST' },
  VALIDATION_FAILED: { http: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  IDEMPOTENCY_CONFLICT: { http: 409, trpc: 'CONFLICT' },
  /** someone else changed the record since the caller loaded it (optimistic concurrency) */
  CONFLICT: { http: 409, trpc: 'CONFLICT' },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: 'PAYLOAD_TOO_LARGE' },
  RATE_LIMITED: { http: 429, trpc: 'TOO_MANY_REQUESTS' },
} as const;
export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export interface LocalizedText {
  vi: string;
  en: string;
}

/** One bad row of a refused batch or file: its 0-based data row, the field and why. */
export interface RowProblem {
  index: number;
  field: string;
  code: string;
  message: LocalizedText;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: LocalizedText;
  /** every bad row of a refused batch */
  readonly rowErrors: RowProblem[] | undefined;

  constructor(code: AppErrorCode, userMessage: LocalizedText, options: { rowErrors?: RowProblem[]; logMessage?: string } = {}) {
    super(options.logMessage ?? userMessage.en);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.rowErrors = options.rowErrors;
  }

  get httpStatus(): number {
    return APP_ERROR_CODES[this.code].http;
  }

  /** The JSON body an HTTP client gets. */
  toBody() {
    return { error: { code: this.code, message: this.userMessage, ...(this.rowErrors ? { rows: this.rowErrors } : {}) } };
  }
}
