import * as vscode from 'vscode';
import type { IconSpecLike } from '../format/contextValue';

/** Icons are immutable and few: one of each is shared by every item that shows it (20,000 VMs are drawn at once). */
const icons = new Map<string, vscode.ThemeIcon>();

export function themeIcon(spec: IconSpecLike): vscode.ThemeIcon {
  const key = `${spec.id} ${spec.color ?? ''}`;
  let icon = icons.get(key);
  if (!icon) icons.set(key, (icon = spec.color ? new vscode.ThemeIcon(spec.id, new vscode.ThemeColor(spec.color)) : new vscode.ThemeIcon(spec.id)));
  return icon;
}
