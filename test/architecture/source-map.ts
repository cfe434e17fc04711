import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The project's own TypeScript sources, read as the compiler reads them. */
export interface SourceFile {
  /** Relative to the source root, with forward slashes: `sprints/tasks/decide.ts`. */
  readonly path: string;
  readonly lines: number;
  /** The other source files it imports (type-only imports included). */
  readonly imports: readonly string[];
  readonly functions: readonly { readonly name: string; readonly lines: number }[];
}

export function readSources(root: string): SourceFile[] {
  return listTs(root).map((file) => {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    return {
      path: toPath(root, file),
      lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      imports: importsOf(source)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => toPath(root, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))))
        .filter((path) => path.endsWith('.ts')),
      functions: functionsOf(source),
    };
  });
}

function listTs(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function toPath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

function importsOf(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  source.forEachChild((node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    }
  });
  return specifiers;
}

function functionsOf(source: ts.SourceFile): { name: string; lines: number }[] {
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ name: nameOf(node, source), lines: end - start + 1 });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  // `const helper = () => ...` and `{ rule: (...) => ... }` are named by what holds them.
  const { parent } = node;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText(source);
  }
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  return `(anonymous, line ${line})`;
}

/** Every cycle in a graph, each as the path that closes it; one per strongly connected part. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}
