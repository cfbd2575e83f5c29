import type { FieldErrors } from "./form-data";

/**
 * The one answer of every capability function that can say no. `ok: true` carries what the caller
 * needs next (an id, a receipt); a refusal carries an HTTP-like status and translation keys: a
 * message for the whole form (`formError`, with `formErrorValues` for its placeholders), or messages
 * for fields (`errors`: field name → key). Routes turn it into a response with `refusedAnswer`
 * (app/http/answer.server.ts); nothing else about it is HTTP.
 */
export type Refused = {
  ok: false;
  status: RefusalStatus;
  formError?: string;
  formErrorValues?: Record<string, string | number>;
  errors?: FieldErrors;
  /** With status 429: when to try again. */
  retryAfterSeconds?: number;
};

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429;

export type Result<T extends object = object> = ({ ok: true } & T) | Refused;

/** A refusal of the whole request: `formError` is the translation key of its message. */
export function refused(status: RefusalStatus, formError: string, formErrorValues?: Record<string, string | number>): Refused {
  return { ok: false, status, formError, ...(formErrorValues ? { formErrorValues } : {}) };
}

/** A refusal that belongs to one field of the form (shown next to it). */
export function fieldRefused(field: string, messageKey: string, status: RefusalStatus = 400): Refused {
  return fieldsRefused({ [field]: messageKey }, status);
}

/** A refusal with a message for each of several fields. */
export function fieldsRefused(errors: FieldErrors, status: RefusalStatus = 400): Refused {
  return { ok: false, status, errors };
}

/** Thrown inside a transaction to roll it back; `refusedOnRollBack` turns it into the refusal. */
class RollBack extends Error {
  constructor(readonly refusal: Refused) {
    super(refusal.formError ?? "refused");
  }
}

/** Rolls back the transaction it is thrown in; the caller answers with `refusal`. */
export function rollBack(refusal: Refused): never {
  throw new RollBack(refusal);
}

/**
 * Runs `work` (usually a `$transaction`): what it returns, or the refusal it rolled back with
 * (`rollBack`). Any other error is thrown on.
 */
export async function refusedOnRollBack<T>(work: () => Promise<T>): Promise<T | Refused> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RollBack) return error.refusal;
    throw error;
  }
}
