import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformWithOxc, type Plugin, type RenderBuiltAssetUrl } from 'vite';
import {
  singleFileTemplate,
  TEMPLATE_FILE,
  TEMPLATE_INFO_FILE,
  type TemplateInfo,
} from '../src/lib/report/single-file-template.ts';

/** Built files the page carries: the workers' scripts and the wasm (not the sample data). */
const CARRIED = /\.(js|wasm)$/;

/**
 * The single-file build's asset addresses: the boot script's blob: URLs, looked up when the code
 * runs (the app's and the workers' globals both have `__slicebookAsset`). Sample data is not
 * carried; its addresses are empty data: URLs.
 */
export const singleFileAssetUrl: RenderBuiltAssetUrl = (filename) =>
  CARRIED.test(filename)
    ? { runtime: `globalThis.__slicebookAsset(${JSON.stringify(filename)})` }
    : 'data:,';

const gzipBase64 = (bytes: string | Uint8Array) => gzipSync(bytes, { level: 9 }).toString('base64');

/**
 * Replaces the build's output with the single-file template (TEMPLATE_FILE) and its size
 * (TEMPLATE_INFO_FILE). The build must make one JS chunk: run it with code splitting off.
 */
export function singleFileBuild(): Plugin {
  let root = process.cwd();
  return {
    name: 'slicebook-single-file',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async generateBundle(_options, bundle) {
      const outputs = Object.values(bundle);
      const chunks = outputs.filter((o) => o.type === 'chunk');
      if (chunks.length !== 1)
        this.error(`The single-file build made ${chunks.length} chunks; it needs one.`);
      const assets = outputs.filter((o) => o.type === 'asset');
      const text = (source: string | Uint8Array) =>
        typeof source === 'string' ? source : new TextDecoder().decode(source);
      const bootPath = resolve(root, 'src/lib/report/single-file-boot.ts');
      const bootTs = readFileSync(bootPath, 'utf8');
      if (/^import /m.test(bootTs)) this.error(`${bootPath} must import nothing: it is inlined.`);
      const boot = await transformWithOxc(bootTs, bootPath, { lang: 'ts' });
      // Vite leaves the preload marker of a dynamic import that was inlined; with no chunk to
      // preload, `void 0` is what it writes for an import without dependencies.
      const code = chunks[0].code.replaceAll('__VITE_PRELOAD__', 'void 0');
      const placeholder = /__VITE_[A-Z_]+__/.exec(code);
      if (placeholder) this.error(`The single-file bundle still holds ${placeholder[0]}.`);
      const template = await singleFileTemplate({
        css: assets
          .filter((a) => a.fileName.endsWith('.css'))
          .map((a) => text(a.source))
          .join('\n'),
        boot: `${boot.code.replace(/^export /gm, '')}\nstartSingleFile(document);\n`,
        app: { name: chunks[0].fileName, code, gzipBase64: gzipBase64(code) },
        assets: assets
          .filter((a) => CARRIED.test(a.fileName))
          .map((a) => ({
            name: a.fileName,
            contentType: a.fileName.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
            gzipBase64: gzipBase64(a.source),
          })),
      });
      for (const name of Object.keys(bundle)) delete bundle[name];
      this.emitFile({ type: 'asset', fileName: TEMPLATE_FILE, source: template });
      const info: TemplateInfo = { bytes: Buffer.byteLength(template) };
      this.emitFile({
        type: 'asset',
        fileName: TEMPLATE_INFO_FILE,
        source: `${JSON.stringify(info)}\n`,
      });
    },
  };
}
