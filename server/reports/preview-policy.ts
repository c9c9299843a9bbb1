/**
 * The Content-Security-Policy of the report shown as a web page, by the API and by the pages alike:
 * it may show only itself (its inline styles and SVG), run no script, fetch nothing and post nowhere.
 */
export const reportPreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
