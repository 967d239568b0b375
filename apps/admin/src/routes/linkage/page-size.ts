/** Rows of the review queue and of the decisions list shown at a time. */
export const linkagePageSize = 20;
