import * as vscode from 'vscode';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import { cleanUpRestorePoints } from './cleanUp/cleanUpRestorePoints';
import type { CommandContext } from './commandContext';
import { exportCoverage, showCoverage } from './coverage/showCoverage';
import { copyRestorePoint } from './copyRestorePoint/copyRestorePoint';
import { configureCustomCloud } from './configureCustomCloud/configureCustomCloud';
import { copyResourceId } from './copyResourceId';
import { createRestorePointCollection } from './createCollection/createRestorePointCollection';
import { createRestorePoint } from './createRestorePoint/createRestorePoint';
import { deleteRestorePoint, deleteRestorePointCollection } from './delete/deleteResources';
import { runCommand } from './errorHandling';
import { copyAccessUrl, revokeAccess } from './exportDisk/accessUrl';
import { downloadDisksCommand, downloadVhdCommand } from './exportDisk/downloadVhd';
import { loadMore } from './loadMore';
import { openInPortal } from './openInPortal';
import { refresh } from './refresh';
import { restoreAsNewVm } from './restoreAsNewVm/restoreAsNewVm';
import { restoreRunReport } from './restoreAsNewVm/restoreOutcome';
import { restoreDisk } from './restoreDisk/restoreDisk';
import { retry } from './retry';
import { revertRunReports } from './revertVm/revertOutcome';
import { revertVm } from './revertVm/revertVm';
import { undoRevert } from './revertVm/undoRevert';
import { selectSubscriptions } from './selectSubscriptions';
import { selectTenant } from './selectTenant';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { viewProperties } from './viewProperties';
import { deleteWhatWasCreated } from './vmRuns/runNotification';
import { registerRunKinds } from './vmRuns/runKinds';

/** The argument is a tree node, or for Delete What Was Created the id of the run its notification names. */
type Command = (context: CommandContext, node?: TreeNode) => unknown;

const COMMANDS: Record<string, Command> = {
  'restorePoints.refresh': refresh,
  'restorePoints.retry': retry,
  'restorePoints.loadMore': loadMore,
  'restorePoints.signIn': signIn,
  'restorePoints.signOut': signOut,
  'restorePoints.selectTenant': selectTenant,
  'restorePoints.configureCustomCloud': configureCustomCloud,
  'restorePoints.selectSubscriptions': selectSubscriptions,
  'restorePoints.viewProperties': viewProperties,
  'restorePoints.copyResourceId': copyResourceId,
  'restorePoints.openInPortal': openInPortal,
  'restorePoints.createRestorePointCollection': createRestorePointCollection,
  'restorePoints.createRestorePoint': createRestorePoint,
  'restorePoints.copyRestorePoint': copyRestorePoint,
  'restorePoints.restoreDisk': restoreDisk,
  'restorePoints.restoreAsNewVm': restoreAsNewVm,
  'restorePoints.revertVm': revertVm,
  'restorePoints.undoRevert': undoRevert,
  'restorePoints.deleteWhatWasCreated': (context, runId) => deleteWhatWasCreated(context, runId),
  'restorePoints.deleteRestorePoint': deleteRestorePoint,
  'restorePoints.deleteRestorePointCollection': deleteRestorePointCollection,
  'restorePoints.cleanUpRestorePoints': cleanUpRestorePoints,
  // The view's title bar passes the tree's selection along: the report covers every subscription shown whatever is selected.
  'restorePoints.showCoverage': (context) => showCoverage(context),
  'restorePoints.showSubscriptionCoverage': showCoverage,
  'restorePoints.exportCoverage': (context) => exportCoverage(context),
  'restorePoints.downloadVhd': downloadVhdCommand,
  'restorePoints.downloadDisks': downloadDisksCommand,
  'restorePoints.copyAccessUrl': copyAccessUrl,
  'restorePoints.revokeAccess': (context, node) => revokeAccess(context, node),
};

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  // Before any run starts or resumes: what the run reporter says for each kind of run.
  registerRunKinds({ restoreAsNewVm: restoreRunReport, ...revertRunReports });
  return Object.entries(COMMANDS).map(([id, command]) =>
    vscode.commands.registerCommand(id, runCommand(context.log, id, (node?: TreeNode) => command(context, node))),
  );
}
