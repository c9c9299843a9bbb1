// Progressive enhancement only: every page works with JavaScript off. Loaded as a module (never
// inline, so the Content-Security-Policy allows scripts from this origin alone).
import { initAll } from './nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
