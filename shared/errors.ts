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

/**
 * One bad row, wherever it was found: a refused measurement batch, an uploaded report file, a
 * form's entries, a list of communes. Every validator and every refusal speaks this one shape, and
 * HTTP and tRPC bodies carry it as is (`rows`; server/http/openApi.ts, schema RowProblem).
 * `Field` and `Code` narrow it where the fields and codes are known.
 */
export interface RowProblem<Field extends string = string, Code extends string = string> {
  /** 0-based data row of the batch or file (a file's header not counted), or entry of the form */
  index: number;
  /** the file's 1-based line (CSV) or row (XLSX), header included: only for rows read from a file */
  line?: number;
  field: Field;
  code: Code;
  message: LocalizedText;
}

/** A RowProblem before its row is known: what a check of one KPI's inputs finds; the caller places it in its row. */
export type FieldProblem<Field extends string = string, Code extends string = string> = Omit<RowProblem<Field, Code>, 'index' | 'line'>;

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
