/** The shortest comment a return for revision takes (characters, trimmed): enough to say what to fix. Checked by the form and the server. */
export const MIN_RETURN_COMMENT = 5;
