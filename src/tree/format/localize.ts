/** `vscode.l10n.t`'s shape, so the pure formatters can be localized by their callers and tested in plain Node. */
export type Localize = (message: string, ...args: (string | number)[]) => string;

export const english: Localize = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
