import type { CliCommand } from '../command';
import { initCommand } from './init';
import { listCommand } from './list';
import { exportCommand } from './export';
import { importCommand } from './import';
import { signCommand } from './sign';
import { sampleCommand } from './sample';
import { levelCommand } from './level';
import { recommendCommand } from './recommend';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

/**
 * Every command of `pci-saq`, in the order `--help` lists them. Each lives in
 * its own file beside this one and is added here with one line.
 */
export const commands: readonly CliCommand[] = [
  initCommand,
  listCommand,
  exportCommand,
  importCommand,
  signCommand,
  sampleCommand,
  validateCommand,
  verifyCommand,
  levelCommand,
  recommendCommand,
];
