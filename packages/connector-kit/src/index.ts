export type * from "./connector";
