// The type of an answer of the contract, by path, status and media type: what a strict
// TypeScript app generated from openapi/v1.yaml (openapi-typescript) reads.
import type { paths } from "./generated/v1";

type Responses<P extends keyof paths> = paths[P]["get"] extends { responses: infer R } ? R : never;

export type Answer<
  P extends keyof paths,
  S extends keyof Responses<P> = 200 extends keyof Responses<P> ? 200 : never,
  M extends string = "application/json",
> = Responses<P>[S] extends { content: infer C } ? (M extends keyof C ? C[M] : never) : never;
