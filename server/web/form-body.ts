import express, { type Request, type Response } from 'express';
import { parse } from 'qs';

/** How much of a form body the server reads. */
export interface FormLimits {
  /** The most bytes: a longer body is refused (413) before it is read, by its Content-Length where it gives one. */
  bytes: number;
  /** The most answers (urlencoded parameters) parsed: any past it are not parsed at all. */
  parameters: number;
}

export type FormReader = (request: Request, response: Response) => Promise<Record<string, unknown>>;

/** Nested names go no deeper than the deepest form's (indicators[caseExamples][value][0][date][day] is 5). */
const nameDepth = 8;

/**
 * Reads a urlencoded form within its limits, nested as qs reads names (sectors[0][name]). Parsing
 * many answers is costly (qs's work grows faster than their number, and it holds the event loop),
 * so only the first `parameters` are parsed: no real form sends more, and the form's own checks then
 * say what is wrong with the rest (too many rows, say) rather than the server spending seconds on it.
 */
export function formReader(limits: FormLimits): FormReader {
  const text = express.text({ type: 'application/x-www-form-urlencoded', limit: limits.bytes });
  return (request, response) =>
    new Promise((resolve, reject) =>
      text(request, response, (error?: unknown) => {
        if (error !== undefined && error !== null) reject(error);
        else resolve(typeof request.body === 'string' ? (parse(request.body, { parameterLimit: limits.parameters, depth: nameDepth }) as Record<string, unknown>) : {});
      }),
    );
}
