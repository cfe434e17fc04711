#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { stringify } from 'yaml';
import { z } from 'zod';
import { remoteClient } from '../agent-tools/ledger-client.js';
import { operations, type Arguments, type Operation } from '../agent-tools/operations.js';
import { OperationError, OperationRunner } from '../agent-tools/run-operation.js';

/**
 * `sprint-ledger`: the agent operations from the shell, made from the same table as the MCP
 * tools. SPRINT_LEDGER_URL (default http://127.0.0.1:3000) and SPRINT_LEDGER_TOKEN say where and
 * who; SPRINT_LEDGER_SPRINT names the sprint when the token may act in several.
 *
 * Exit status: 0 done, 1 refused by the service (its code on stderr), 2 a usage mistake.
 */

const usageExit = 2;

function flagOf(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The schema under optional/describe wrappers: what a flag's text is read as. */
function baseOf(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function usageOf(operation: Operation): string {
  const words = [...operation.words, ...operation.positional.map((name) => `<${name}>`)];
  const flags = Object.entries(operation.input)
    .filter(([key]) => !operation.positional.includes(key))
    .map(([key, schema]) => {
      const optional = schema instanceof z.ZodOptional;
      const flag = baseOf(schema as z.ZodType) instanceof z.ZodBoolean ? '' : ' <value>';
      return optional ? `[--${flagOf(key)}${flag}]` : `--${flagOf(key)}${flag}`;
    });
  return `sprint-ledger ${[...words, ...flags].join(' ')} [--json]`;
}

function help(): string {
  const lines = operations.map(
    (operation) => `  ${usageOf(operation)}\n      ${operation.description}`,
  );
  return `usage:\n${lines.join('\n')}\n\nenvironment: SPRINT_LEDGER_URL, SPRINT_LEDGER_TOKEN, SPRINT_LEDGER_SPRINT\n`;
}

/** The operation whose words start argv, and what follows them. */
function operationOf(argv: readonly string[]): { operation: Operation; rest: string[] } | null {
  const matches = operations
    .filter((operation) => operation.words.every((word, index) => argv[index] === word))
    .sort((a, b) => b.words.length - a.words.length);
  const [operation] = matches;
  return operation ? { operation, rest: argv.slice(operation.words.length) } : null;
}

class UsageError extends Error {}

/** Flags and positionals as the operation's arguments: numbers as numbers, switches as true. */
function argumentsOf(operation: Operation, rest: string[]): { args: Arguments; json: boolean } {
  const options: NonNullable<ParseArgsConfig['options']> = { json: { type: 'boolean' } };
  for (const [key, schema] of Object.entries(operation.input)) {
    const boolean = baseOf(schema as z.ZodType) instanceof z.ZodBoolean;
    options[flagOf(key)] = { type: boolean ? 'boolean' : 'string' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length > operation.positional.length) {
    throw new UsageError(`unexpected argument: ${parsed.positionals[operation.positional.length]}`);
  }
  const args: Arguments = {};
  parsed.positionals.forEach((value, index) => {
    args[operation.positional[index] ?? ''] = value;
  });
  for (const key of Object.keys(operation.input)) {
    const value = parsed.values[flagOf(key)];
    if (value !== undefined) args[key] = value;
  }
  for (const [key, schema] of Object.entries(operation.input)) {
    const value = args[key];
    if (typeof value === 'string' && baseOf(schema as z.ZodType) instanceof z.ZodNumber) {
      args[key] = value.trim() === '' ? Number.NaN : Number(value);
    }
  }
  return { args, json: parsed.values.json === true };
}

function render(result: unknown, json: boolean): string {
  if (json) return `${JSON.stringify(result, null, 2)}\n`;
  if (typeof result === 'string') return result.endsWith('\n') ? result : `${result}\n`;
  return stringify(result);
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(help());
    return argv.length === 0 ? usageExit : 0;
  }
  const found = operationOf(argv);
  if (!found) {
    process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${help()}`);
    return usageExit;
  }
  let args: Arguments;
  let json: boolean;
  try {
    ({ args, json } = argumentsOf(found.operation, found.rest));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nusage: ${usageOf(found.operation)}\n`);
    return usageExit;
  }
  const client = remoteClient({
    url: env.SPRINT_LEDGER_URL ?? 'http://127.0.0.1:3000',
    token: env.SPRINT_LEDGER_TOKEN ?? null,
  });
  const runner = new OperationRunner(client, { sprintId: env.SPRINT_LEDGER_SPRINT ?? null });
  try {
    process.stdout.write(render(await runner.run(found.operation, args), json));
    return 0;
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    const text = json
      ? JSON.stringify({ error }, null, 2)
      : `${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}`;
    process.stderr.write(`${text}\n`);
    return 1;
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sprint-ledger: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
