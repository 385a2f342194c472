import { render } from 'preact';
// NL Design System: Utrecht's component CSS on the neutral Voorbeeld theme (no municipal brand).
import '@utrecht/component-library-css/dist/index.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './styles.css';
import { App } from './app';

const root = document.getElementById('app');
if (root) render(<App />, root);
