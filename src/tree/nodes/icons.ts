import * as vscode from 'vscode';
import type { IconSpecLike } from '../format/contextValue';

export function themeIcon(spec: IconSpecLike): vscode.ThemeIcon {
  return spec.color ? new vscode.ThemeIcon(spec.id, new vscode.ThemeColor(spec.color)) : new vscode.ThemeIcon(spec.id);
}
