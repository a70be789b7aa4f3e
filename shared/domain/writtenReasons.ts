/**
 * The shortest written reasons the workflow takes (characters, trimmed), checked by the forms and
 * the server alike: enough to say why, so that an audit trail never reads "." or "ok".
 */

/** explaining a value unusual against the unit's own history (form and import) */
export const MIN_EXPLANATION_LENGTH = 5;
/** the reason for correcting an approved report */
export const MIN_CORRECTION_REASON_LENGTH = 5;
/** the comment of a return for revision: what to fix */
export const MIN_RETURN_COMMENT = 5;
