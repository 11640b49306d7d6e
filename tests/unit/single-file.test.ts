import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, gunzip } from '../../src/lib/report/single-file-boot';
import {
  assembleSingleFile,
  base64Size,
  bytesToBase64,
  SINGLE_FILE_DATA_LIMIT,
  singleFileRefusal,
} from '../../src/lib/report/single-file';
import {
  REPORT_PLACEHOLDER,
  singleFileTemplate,
  type TemplateParts,
} from '../../src/lib/report/single-file-template';

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const parts: TemplateParts = {
  css: 'body { color: #111 }',
  boot: 'const x = "é"; startSingleFile(document);\n',
  app: {
    name: 'assets/main.js',
    code: 'console.log("app </script> <!-- é");',
    gzipBase64: gzipSync('console.log("app");').toString('base64'),
  },
  assets: [
    {
      name: 'assets/duckdb-eh.wasm',
      contentType: 'application/wasm',
      gzipBase64: gzipSync(new Uint8Array([0, 97, 115, 109])).toString('base64'),
    },
  ],
};

function blocks(html: string): { attributes: string; body: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attributes: m[1],
    body: m[2],
  }));
}

describe('singleFileTemplate', () => {
  it('allows the boot script and the app by their SHA-256 (computed here with node:crypto), nothing inline', async () => {
    const html = await singleFileTemplate(parts);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1].split(' ');
    expect(scriptSrc).toEqual([sha256(parts.boot), sha256(parts.app.code), "'wasm-unsafe-eval'"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('worker-src blob:');
    expect(csp).not.toMatch(/https?:|'self'|\*/);
    // The only executed script is the boot, byte for byte.
    const executed = blocks(html).filter((b) => !b.attributes.includes('type="application/'));
    expect(executed).toEqual([{ attributes: ' type="module"', body: parts.boot }]);
    // The app's code travels gzipped in a data block (it may hold "</script>"), the wasm too.
    const data = blocks(html).filter((b) => b.attributes.includes('application/octet-stream'));
    expect(data.map((b) => b.attributes)).toEqual([
      ' type="application/octet-stream" data-slicebook-app="assets/main.js"',
      ' type="application/octet-stream" data-slicebook-asset="assets/duckdb-eh.wasm" data-content-type="application/wasm"',
    ]);
    expect(html.split(REPORT_PLACEHOLDER)).toHaveLength(2);
    expect(html).toContain('<meta name="slicebook-report" content="#inline" />');
  });

  it('refuses a boot script or stylesheet that would end its element early', async () => {
    await expect(singleFileTemplate({ ...parts, boot: 'let s = "</script>";' })).rejects.toThrow(
      /boot script cannot be inlined/,
    );
    await expect(singleFileTemplate({ ...parts, css: 'a{}</style>' })).rejects.toThrow(
      /stylesheet cannot be inlined/,
    );
  });
});

describe('assembleSingleFile', () => {
  const report = {
    format: 'slicebook-report',
    notebook: { title: 'x', cells: [{ kind: 'markdown', text: '</script><!-- <script>' }] },
    data: [{ name: 'a b.csv', path: 'data/a_b.parquet' }],
  };
  const parquet = new Uint8Array([80, 65, 82, 49, 0, 255, 128, 7, 80, 65, 82, 49]);
  const files = [
    { path: 'data/a_b.parquet', bytes: parquet },
    { path: 'report.json', bytes: new TextEncoder().encode(JSON.stringify(report)) },
  ];

  it('puts the notebook and the data in non-executed blocks where the template says', async () => {
    const template = await singleFileTemplate(parts);
    const html = assembleSingleFile(template, files, 'Loans <by> "region" & age, $& $1');
    expect(html).toContain(
      '<title>Loans &lt;by&gt; &quot;region&quot; &amp; age, $&amp; $1</title>',
    );
    expect(html).not.toContain(REPORT_PLACEHOLDER);
    const found = blocks(html);
    const json = found.find((b) => b.attributes.includes('data-slicebook-report'))!;
    expect(json.attributes).toBe(' type="application/json" data-slicebook-report');
    // The markdown's "</script>" cannot close the block, and the JSON reads back unchanged.
    expect(json.body).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(json.body)).toEqual(report);
    const data = found.find((b) => b.attributes.includes('data-slicebook-data'))!;
    expect(data.attributes).toBe(
      ' type="application/octet-stream" data-slicebook-data="data/a_b.parquet"',
    );
    expect([...Buffer.from(data.body, 'base64')]).toEqual([...parquet]);
    // Still exactly one executed script: the template's.
    expect(found.filter((b) => b.attributes === ' type="module"')).toHaveLength(1);
  });

  it('needs the placeholder and report.json', () => {
    expect(() => assembleSingleFile('<html></html>', files, 't')).toThrow(/rebuild the app/);
    expect(() => assembleSingleFile(`a${REPORT_PLACEHOLDER}b`, files.slice(0, 1), 't')).toThrow(
      /no report\.json/,
    );
  });
});

describe('data blocks', () => {
  it('base64 round trip over every byte value and odd lengths, checked against Buffer', () => {
    for (const length of [0, 1, 2, 3, 255, 256, 70_000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7919) % 256);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(text.length).toBe(base64Size(length));
      expect([...base64ToBytes(`\n${text}\n`)]).toEqual([...bytes]);
    }
  });

  it('inflates what node:zlib gzipped', async () => {
    const text = 'wasm and workers '.repeat(1000);
    const gzipped = new Blob([base64ToBytes(gzipSync(text).toString('base64'))]);
    expect(await (await gunzip(gzipped)).text()).toBe(text);
  });
});

describe('singleFileRefusal', () => {
  const MiB = 1024 * 1024;
  it('lets data up to the limit through', () => {
    expect(SINGLE_FILE_DATA_LIMIT).toBe(50 * MiB);
    expect(singleFileRefusal(50 * MiB, 13 * MiB)).toBeNull();
  });

  it('names the sizes when the data is over it', () => {
    // 60 MiB of data: 80 MiB as base64, plus the 13 MiB page = 93 MiB.
    expect(singleFileRefusal(60 * MiB, 13 * MiB)).toBe(
      "the data is 60.0 MiB as Parquet, over the single file's limit of 50.0 MiB (the file would be about 93.0 MiB). Publish it as a .zip or a folder instead.",
    );
  });
});
