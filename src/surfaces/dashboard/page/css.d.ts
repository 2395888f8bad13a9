// Stylesheets imported for their side effect: esbuild bundles them into dist/dashboard/app.css.
declare module '*.css';
