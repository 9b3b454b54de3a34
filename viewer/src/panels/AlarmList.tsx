import { useMemo } from 'react';
import type { Alarm } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';
import { sortAlarms } from './details.js';
import { useFormat } from './use-format.js';

/** Alarm kinds the twin raises (twin/store/twin-store.ts), by their translated names. */
const KIND_KEYS: Readonly<Record<string, MessageKey>> = {
  machineDown: 'panels.machine.alarm.machineDown',
  badQuality: 'panels.machine.alarm.badQuality',
};

/** A machine's alarms, active ones first. Kinds the viewer does not know show the service's message. */
export function AlarmList({ alarms }: { alarms: readonly Alarm[] }) {
  const f = useFormat();
  const sorted = useMemo(() => sortAlarms(alarms), [alarms]);
  if (sorted.length === 0) return <p className="panel-empty">{f.t('panels.machine.alarms.none')}</p>;
  return (
    <ul className="alarm-list" data-testid="machine-alarms">
      {sorted.map((a) => {
        const key = KIND_KEYS[a.kind];
        return (
          <li key={a.id} className={a.active ? 'alarm alarm-active' : 'alarm'} title={a.message}>
            <span className="alarm-badge">
              {f.t(a.active ? 'panels.machine.alarm.active' : 'panels.machine.alarm.cleared')}
            </span>
            <span className="alarm-text">{key ? f.t(key) : a.message}</span>
            <span className="alarm-time">{f.dayTime(a.sinceMs)}</span>
          </li>
        );
      })}
    </ul>
  );
}
