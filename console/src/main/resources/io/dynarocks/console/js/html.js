// htm turns tagged templates into Preact's h() calls in the browser: JSX without a build step.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
