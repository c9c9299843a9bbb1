import { problemFor } from '../http/problem.ts';

/** An error as a page: its status and headers, title and words, and whether it was unexpected (to log). */
export interface ErrorPage {
  status: number;
  headers: Record<string, string>;
  title: string;
  heading: string;
  message: string;
  unexpected: boolean;
}

const notFound = 'If you typed the web address, check it is correct. If you pasted it, check you copied the whole address. If you followed a link, the page may have moved, or it may be one your account cannot see.';

/** The page for a request nothing answers at. */
export const pageNotFound: ErrorPage = { status: 404, headers: {}, title: 'Error: Page not found', heading: 'Page not found', message: notFound, unexpected: false };

/** The page for a POST whose CSRF token is missing or wrong (an old form, or another site's). */
export const formExpired: ErrorPage = {
  status: 403,
  headers: {},
  title: 'Error: The form has expired',
  heading: 'The form has expired',
  message: 'The form has expired or did not come from this service, so nothing was changed. Go back, reload the page and try again.',
  unexpected: false,
};

/**
 * The page for an error, from the same mapping the API uses (server/http/problem.ts): the status,
 * and the problem's detail where it helps (never a stack trace; an unexpected error shows only a reference).
 */
export function errorPageFor(error: unknown): ErrorPage {
  const { problem, headers, unexpected } = problemFor(error);
  const page = (title: string, message: string): ErrorPage => ({ status: problem.status, headers, title: `Error: ${title}`, heading: title, message, unexpected });
  switch (problem.status) {
    case 400:
    case 415:
      return page('The request is not valid', problem.detail);
    case 403:
      return page('You cannot do that', `${problem.detail}. If you think you should be able to, ask an administrator.`);
    case 404:
      return { ...pageNotFound, headers };
    case 409:
      return page('Someone else changed this', `${problem.detail}. Go back, reload the page to see the latest version, and try again.`);
    case 413:
      return page('What you sent is too large', problem.detail);
    case 429:
      return page('You have sent too many requests', problem.detail);
    case 503:
      return page('Sorry, the service is unavailable', problem.detail);
    default:
      return page('Sorry, there is a problem with the service', 'Try again later. The problem has been logged; nothing more is shown here.');
  }
}
