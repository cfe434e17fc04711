import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cycles, readSources } from './architecture/source-map.js';
import { repoRoot } from './support/environment.js';

/**
 * The floor plan, held by a test: small files and functions, imports that run one way, and an
 * event store that could be lifted out of the project.
 */
const sources = readSources(`${repoRoot}/src`);
/** The tests and their helpers: held to the same sizes, but for the callbacks of describe and it. */
const tests = readSources(`${repoRoot}/test`);
const folderOf = (path: string) =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';

describe('architecture', () => {
  it('reads the sources it checks', () => {
    assert.ok(sources.length > 100, `${sources.length} files`);
    assert.ok(sources.some((file) => file.path === 'sprints/sprint.ts'));
  });

  it('keeps every source file to 400 lines', () => {
    const long = sources.filter((file) => file.lines > 400).map((f) => `${f.path}: ${f.lines}`);
    assert.deepEqual(long, []);
  });

  it('keeps every function to 80 lines', () => {
    const long = sources.flatMap((file) =>
      file.functions
        .filter((fn) => fn.lines > 80)
        .map((fn) => `${file.path} ${fn.name}: ${fn.lines}`),
    );
    assert.deepEqual(long, []);
  });

  it('keeps the tests’ files to 400 lines and their named functions to 80', () => {
    const long = tests.flatMap((file) => [
      ...(file.lines > 400 ? [`${file.path}: ${file.lines}`] : []),
      ...file.functions
        .filter((fn) => fn.lines > 80 && !fn.name.startsWith('(anonymous'))
        .map((fn) => `${file.path} ${fn.name}: ${fn.lines}`),
    ]);
    assert.deepEqual(long, []);
  });

  it('has no import circle between files', () => {
    const graph = new Map(sources.map((file) => [file.path, file.imports]));
    assert.deepEqual(
      cycles(graph).map((cycle) => cycle.join(' -> ')),
      [],
    );
  });

  it('has no import circle between folders', () => {
    const graph = new Map<string, string[]>();
    for (const file of sources) {
      const from = folderOf(file.path);
      const to = graph.get(from) ?? [];
      for (const target of file.imports.map(folderOf)) {
        if (target !== from && !to.includes(target)) to.push(target);
      }
      graph.set(from, to);
    }
    assert.deepEqual(
      cycles(graph).map((cycle) => cycle.join(' -> ')),
      [],
    );
  });

  it('keeps the event store free of the sprint', () => {
    const leaks = sources
      .filter((file) => file.path.startsWith('event-store/'))
      .flatMap((file) =>
        file.imports
          .filter((target) => !/^(event-store|common|config|database|observability)\//.test(target))
          .map((target) => `${file.path} -> ${target}`),
      );
    assert.deepEqual(leaks, []);
  });

  it('keeps the seams free of the router and of each other but for what they build on', () => {
    const seams = [
      'plan',
      'tasks',
      'blockers',
      'issues',
      'communications',
      'checkpoints',
      'outcomes',
      'timing',
    ];
    const allowed: Record<string, readonly string[]> = {
      tasks: ['plan'],
      timing: ['plan', 'tasks'],
      communications: ['blockers'],
    };
    const leaks = sources.flatMap((file) => {
      const seam = seams.find((name) => file.path.startsWith(`sprints/${name}/`));
      if (!seam) return [];
      return file.imports
        .filter((target) => target.startsWith('sprints/'))
        .filter((target) => {
          const other = seams.find((name) => target.startsWith(`sprints/${name}/`));
          if (other) return other !== seam && !(allowed[seam] ?? []).includes(other);
          return !/^sprints\/(model|ledger|graphql)\//.test(target);
        })
        .map((target) => `${file.path} -> ${target}`);
    });
    assert.deepEqual(leaks, []);
  });

  it('declares only the dependencies the service uses', () => {
    const manifest = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // Required peers, imported for us: rxjs by @nestjs/common, mercurius by @nestjs/mercurius.
    const peers = new Set(['rxjs', 'mercurius']);
    const texts = sources.map((file) => readFileSync(`${repoRoot}/src/${file.path}`, 'utf8'));
    const used = (name: string) =>
      texts.some((text) => text.includes(`'${name}'`) || text.includes(`'${name}/`));
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !peers.has(name) && !used(name),
    );
    assert.deepEqual(unused, []);
  });
});
