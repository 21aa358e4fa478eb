// Builds the web app into one folder the server serves as it is:
//   <out>/index.html              the app's only page (never cached)
//   <out>/assets/*-<hash>.{js,css} content-hashed, served as immutable
//   <out>/img/..., favicon.svg     copied from public/
//   <out>/api-docs/               the API docs page (/api/docs) and Swagger UI
// plus .gz and .br twins of every compressible file, so the server never
// compresses at request time. Fails when the first page outgrows its budget.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, 'dist'));
const assets = path.join(out, 'assets');
// The first page (HTML + entry JS with its static imports + CSS), compressed.
const kFirstPageBudget = 150 * 1024;

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(assets, { recursive: true });

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 10);

// JavaScript: one entry, pages split into chunks loaded on demand.
const result = await build({
  entryPoints: [path.join(here, 'src/main.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['es2020'],
  outdir: assets,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const outputs = result.metafile.outputs;
const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith('src/main.js'));
const entryName = path.basename(entry);

// CSS: Tailwind scans the sources for the classes they use.
const cssTmp = path.join(out, 'app.css.tmp');
const tw = spawnSync(
  process.execPath,
  [
    path.join(here, 'node_modules/tailwindcss/lib/cli.js'),
    '-c', path.join(here, 'tailwind.config.cjs'),
    '-i', path.join(here, 'src/styles.css'),
    '-o', cssTmp,
    '--minify',
  ],
  { cwd: here, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
);
if (tw.status !== 0) {
  process.stderr.write(tw.stderr);
  process.exit(1);
}
const css = fs.readFileSync(cssTmp);
fs.rmSync(cssTmp);
const cssName = `app-${hash(css)}.css`;
fs.writeFileSync(path.join(assets, cssName), css);

// Static files: copied as they are.
fs.cpSync(path.join(here, 'public'), out, { recursive: true });

// The API documentation page (/api/docs) renders /api/openapi.json with the
// Swagger UI pinned in package-lock.json, served from our origin (no CDN).
const swaggerUi = path.join(out, 'api-docs', 'swagger-ui');
fs.mkdirSync(swaggerUi, { recursive: true });
for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE']) {
  fs.copyFileSync(path.join(here, 'node_modules/swagger-ui-dist', f), path.join(swaggerUi, f));
}

// The page: hashed names filled in.
const html = fs
  .readFileSync(path.join(here, 'index.html'), 'utf8')
  .replaceAll('%CSS%', `/assets/${cssName}`)
  .replaceAll('%JS%', `/assets/${entryName}`);
fs.writeFileSync(path.join(out, 'index.html'), html);

// Precompressed twins.
const kCompressible = /\.(js|css|html|svg|json|txt|map)$/;
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
const gzipSize = {};
for (const file of walk(out)) {
  if (!kCompressible.test(file)) continue;
  const data = fs.readFileSync(file);
  const gz = zlib.gzipSync(data, { level: 9 });
  gzipSize[file] = gz.length;
  if (data.length < 256) continue;
  fs.writeFileSync(file + '.gz', gz);
  fs.writeFileSync(
    file + '.br',
    zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }),
  );
}

// The first page's weight: the entry chunk and every chunk it imports statically.
const firstPage = new Set([path.join(out, 'index.html'), path.join(assets, cssName)]);
const visit = (f) => {
  const abs = path.resolve(f);
  if (firstPage.has(abs)) return;
  firstPage.add(abs);
  for (const imp of outputs[f]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
};
visit(entry);
const total = [...firstPage].reduce((sum, f) => sum + (gzipSize[f] ?? fs.statSync(f).size), 0);
console.log(`web: ${path.relative(process.cwd(), out) || '.'} first page ${(total / 1024).toFixed(1)} KB gzip (budget ${kFirstPageBudget / 1024} KB)`);
if (total > kFirstPageBudget) {
  console.error('web: the first page is over its budget');
  process.exit(1);
}
