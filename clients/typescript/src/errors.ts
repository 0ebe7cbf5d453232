import type { Problem } from "./types.js";

/** An answer the client cannot use: its status, and the problem+json body when there is one. */
export class FootcareApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined, url: string) {
    super(
      problem === undefined
        ? `GET ${url}: HTTP ${status}`
        : `GET ${url}: HTTP ${status} ${problem.title}: ${problem.detail}`,
    );
    this.name = "FootcareApiError";
    this.status = status;
    this.problem = problem;
  }
}
