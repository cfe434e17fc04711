/** The page sizes of every connection: what `first`/`last` may ask, and what neither gives. */
export const maxPageSize = 100;
export const defaultPageSize = 20;
