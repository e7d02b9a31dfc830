import type { DiskRestorePoint, RestorePoint } from '@azure/arm-compute';
import { lastSegment, parseResourceId } from '../../azure/ids';
import { activityIcon, activityText, activityToken, type ItemActivity } from './activity';
import { formatAge } from './age';
import { AZURE_RESOURCE, contextValue, type IconSpecLike } from './contextValue';
import { english, type Localize } from './localize';

export type RestorePointState = 'creating' | 'succeeded' | 'failed' | 'deleting' | 'unknown';

export function restorePointState(rp: RestorePoint): RestorePointState {
  const s = rp.provisioningState?.toLowerCase();
  const known: RestorePointState[] = ['creating', 'succeeded', 'failed', 'deleting'];
  return known.find((k) => k === s) ?? 'unknown';
}

export function isCopy(rp: RestorePoint): boolean {
  return !!rp.sourceRestorePoint?.id;
}

/** Newest first; restore points without a time (never seen from ARM) go last. */
export function sortRestorePoints(points: readonly RestorePoint[]): RestorePoint[] {
  return [...points].sort((a, b) => (b.timeCreated?.getTime() ?? -Infinity) - (a.timeCreated?.getTime() ?? -Infinity) || (a.name ?? '').localeCompare(b.name ?? ''));
}

/**
 * A copy's replication when it is not known complete, as the tree read it: `Unknown` when its
 * instance view could not be read. Replicating shows through the item's activity.
 */
export interface CopyReplicationState {
  state: string;
}

/** A copy whose replication failed or is unknown never reads as ARM's "Succeeded". */
function copyStateText(copy: CopyReplicationState | undefined, t: Localize): string | undefined {
  if (copy?.state === 'Failed') return t('Replication failed');
  if (copy?.state === 'Unknown') return t('Replication unknown');
  return undefined;
}

/** Age · consistency mode · state; what is going on (a copy's percentage, an operation) or a copy's failed or unknown replication replaces ARM's state. */
export function restorePointDescription(rp: RestorePoint, now: number, t: Localize = english, activity: ItemActivity = {}, copy?: CopyReplicationState): string {
  return [formatAge(rp.timeCreated, now, t), rp.consistencyMode, activityText(activity, t) ?? copyStateText(copy, t) ?? rp.provisioningState].filter(Boolean).join(' · ');
}

export function restorePointIcon(rp: RestorePoint, activity: ItemActivity = {}, copy?: CopyReplicationState): IconSpecLike {
  const busy = activityIcon(activity);
  if (busy) return busy;
  if (copy?.state === 'Failed') return { id: 'error', color: 'testing.iconFailed' };
  if (copy?.state === 'Unknown') return { id: 'question' };
  switch (restorePointState(rp)) {
    case 'creating':
      return { id: 'loading~spin' };
    case 'succeeded':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'failed':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'deleting':
      return { id: 'trash' };
    default:
      return { id: 'question' };
  }
}

/**
 * `activity` is this extension's own (operations, watched copies): `busy`. A copy not known complete
 * that nobody watches says `replicating`, `replication:failed` or `replication:unknown`; it may be
 * deleted, not copied or restored from.
 */
export function restorePointContextValue(rp: RestorePoint, activity: ItemActivity = {}, copy?: CopyReplicationState): string {
  const replication = copy?.state === 'Replicating' ? 'replicating' : copy ? `replication:${copy.state.toLowerCase()}` : undefined;
  return contextValue('restorePoint', AZURE_RESOURCE, `state:${restorePointState(rp)}`, isCopy(rp) && 'copy', activityToken(activity), replication);
}

/** Replication progress of a copy, from the instance view (`$expand=instanceView`): the least-advanced disk. */
export function replicationPercent(rp: RestorePoint): number | undefined {
  const percents = (rp.instanceView?.diskRestorePoints ?? []).map((d) => d.replicationStatus?.completionPercent).filter((p): p is number => typeof p === 'number');
  return percents.length ? Math.min(...percents) : undefined;
}

/** Markdown for the hover. `details` is the restore point with its instance view when it was fetched. */
export function restorePointTooltip(rp: RestorePoint, details: RestorePoint | undefined, t: Localize = english): string {
  const lines = [`**${escapeMarkdown(rp.name ?? '')}**`, ''];
  lines.push(`- ${t('Created: {0}', rp.timeCreated ? rp.timeCreated.toISOString() : t('unknown'))}`);
  lines.push(`- ${t('State: {0}', rp.provisioningState ?? t('unknown'))}`);
  if (rp.consistencyMode) lines.push(`- ${t('Consistency: {0}', rp.consistencyMode)}`);
  const excluded = (rp.excludeDisks ?? []).map((d) => (d.id ? lastSegment(d.id) : '')).filter(Boolean);
  lines.push(`- ${t('Excluded disks: {0}', excluded.length ? excluded.map(escapeMarkdown).join(', ') : t('none'))}`);
  if (rp.sourceRestorePoint?.id) {
    const source = parseResourceId(rp.sourceRestorePoint.id);
    const sourceName = source ? t('{0} in {1}', source.children[1] ?? source.name, source.name) : rp.sourceRestorePoint.id;
    lines.push(`- ${t('Copy of: {0}', escapeMarkdown(sourceName))} ${codeSpan(rp.sourceRestorePoint.id)}`);
    const percent = details ? replicationPercent(details) : undefined;
    lines.push(`- ${t('Replication: {0}', percent === undefined ? t('unknown') : `${percent}%`)}`);
  }
  return lines.join('\n');
}

/** Ids are shown verbatim; a code span needs no escaping as long as it holds no backtick. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Escapes what can change meaning inside a line (names never start a line here, so `-`, `+`, `#` and `.` are safe). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|!]/g, '\\$&');
}

export interface DiskRow {
  /** The disk restore point's id (from the restore point's source metadata). */
  id: string;
  name: string;
  role: 'os' | 'data';
  lun?: number;
  sizeGB?: number;
  encryption?: string;
  replication?: { state?: string; percent?: number };
}

/** A disk as the restore point's source metadata describes it (`sourceMetadata.storageProfile`). */
interface MetadataDisk {
  name?: string;
  diskSizeGB?: number;
  lun?: number;
  managedDisk?: { diskEncryptionSet?: { id?: string }; securityProfile?: { diskEncryptionSet?: { id?: string } } };
  diskRestorePoint?: { id?: string; encryption?: { type?: string } };
}

const PLATFORM_KEY = 'EncryptionAtRestWithPlatformKey';

/**
 * A disk restore point's encryption at rest as far as the metadata tells, undefined when only the
 * disk restore point itself can say. Every managed disk is encrypted at rest, with the platform's key
 * unless a disk encryption set is attached; a disk restore point keeps its disk's encryption unless
 * one was given when it was created, and then the metadata carries it (`diskRestorePoint.encryption`).
 */
export function metadataEncryption(disk: MetadataDisk): string | undefined {
  const explicit = disk.diskRestorePoint?.encryption?.type;
  if (explicit) return explicit;
  const encryptionSet = disk.managedDisk?.diskEncryptionSet?.id ?? disk.managedDisk?.securityProfile?.diskEncryptionSet?.id;
  // Customer key, or platform and customer keys: the set alone does not tell which.
  return encryptionSet ? undefined : PLATFORM_KEY;
}

function metadataDisks(rp: RestorePoint): { role: 'os' | 'data'; disk: MetadataDisk }[] {
  const storage = rp.sourceMetadata?.storageProfile;
  const disks: { role: 'os' | 'data'; disk: MetadataDisk }[] = storage?.osDisk ? [{ role: 'os', disk: storage.osDisk }] : [];
  for (const disk of [...(storage?.dataDisks ?? [])].sort((a, b) => (a.lun ?? 0) - (b.lun ?? 0))) disks.push({ role: 'data', disk });
  return disks;
}

/**
 * Whether the disk rows need the restore point's disk restore point list (one request). The source
 * metadata, which the collection's `$expand=restorePoints` already returned, names every disk
 * restore point with its disk's name, size and LUN; only a copy's replication state, or an
 * encryption the metadata does not tell, needs the list.
 */
export function diskRowsNeedDetails(rp: RestorePoint): boolean {
  if (isCopy(rp)) return true;
  const disks = metadataDisks(rp);
  // No metadata (a restore point still being created, say): the list is the only source.
  if (!disks.length || disks[0].role !== 'os') return true;
  return disks.some(({ disk }) => !disk.diskRestorePoint?.id || metadataEncryption(disk) === undefined);
}

/** The restore point's disks (names, sizes, roles from its source metadata) joined with the disk restore points' own details, when fetched. */
export function diskRows(rp: RestorePoint, diskRestorePoints: readonly DiskRestorePoint[]): DiskRow[] {
  const details = new Map(diskRestorePoints.filter((d) => d.id).map((d) => [d.id!.toLowerCase(), d]));
  const rows: DiskRow[] = [];
  for (const { role, disk } of metadataDisks(rp)) {
    const id = disk.diskRestorePoint?.id;
    if (!id) continue;
    const detail = details.get(id.toLowerCase());
    details.delete(id.toLowerCase());
    rows.push({
      id,
      name: disk.name ?? lastSegment(detail?.sourceResourceId ?? id),
      role,
      lun: role === 'data' ? disk.lun : undefined,
      sizeGB: disk.diskSizeGB,
      encryption: detail?.encryption?.type ?? metadataEncryption(disk),
      replication: detail && (detail.replicationState || detail.completionPercent !== undefined) ? { state: detail.replicationState, percent: detail.completionPercent } : undefined,
    });
  }
  // Disk restore points the metadata does not mention still deserve a row.
  for (const d of details.values()) {
    rows.push({ id: d.id!, name: lastSegment(d.sourceResourceId ?? d.id!), role: d.osType ? 'os' : 'data', encryption: d.encryption?.type, replication: { state: d.replicationState, percent: d.completionPercent } });
  }
  return rows;
}

const ENCRYPTION: Record<string, string> = {
  encryptionatrestwithplatformkey: 'platform-managed key',
  encryptionatrestwithcustomerkey: 'customer-managed key',
  encryptionatrestwithplatformandcustomerkeys: 'platform and customer keys',
};

export function diskDescription(row: DiskRow, t: Localize = english, activity: ItemActivity = {}): string {
  const role = row.role === 'os' ? t('OS disk') : row.lun === undefined ? t('data disk') : t('data disk, LUN {0}', row.lun);
  const parts = [role];
  if (row.sizeGB !== undefined) parts.push(t('{0} GiB', row.sizeGB));
  if (row.encryption) parts.push(t(ENCRYPTION[row.encryption.toLowerCase()] ?? row.encryption));
  if (row.replication) parts.push(row.replication.state === 'Succeeded' || row.replication.percent === 100 ? t('replicated') : t('{0} {1}%', (row.replication.state ?? 'replicating').toLowerCase(), row.replication.percent ?? 0));
  const busy = activityText(activity, t);
  if (busy) parts.push(busy);
  // Only that access exists and when it ends: the URL itself is a secret and never shown.
  else if (activity.accessUntil !== undefined) parts.push(t('access granted until {0}', new Date(activity.accessUntil).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })));
  return parts.join(' · ');
}

export function diskIcon(row: DiskRow): IconSpecLike {
  if (row.replication?.state === 'Failed') return { id: 'error', color: 'testing.iconFailed' };
  if (row.replication && row.replication.state !== 'Succeeded' && row.replication.percent !== 100) return { id: 'sync' };
  return { id: row.role === 'os' ? 'server' : 'database' };
}

/**
 * `busy` while its restore point is being created or an operation of ours works on it;
 * `copyIncomplete` while its restore point is a copy not known complete (replicating, failed, or
 * unknown): no disk is restored from it then.
 */
export function diskContextValue(row: DiskRow, busy = false, copyIncomplete = false, accessGranted = false): string {
  const replication = row.replication ? `replication:${(row.replication.state ?? 'unknown').toLowerCase()}` : undefined;
  return contextValue('diskRestorePoint', AZURE_RESOURCE, `disk:${row.role}`, replication, busy && 'busy', copyIncomplete && 'copyIncomplete', accessGranted && 'access:granted');
}
