import type { CommandContext } from './commandContext';

export async function signIn(context: CommandContext): Promise<boolean> {
  return context.tree.signIn.signIn();
}
