import { PlannerPanel } from '../planner/PlannerPanel.js';
import { useSlice, useViewerContext } from '../store/context.js';
import type { ViewerState } from '../store/state.js';
import { MachinePanel } from './MachinePanel.js';
import { OrderTracePanel } from './OrderTracePanel.js';
import { useFormat } from './use-format.js';
import './panels.css';

const TABS = ['machine', 'order', 'planner'] as const satisfies readonly ViewerState['sidePanel'][];

/** The side panel: tabs for the selected machine, the selected order's trace and the planner tools. */
export function SidePanel() {
  const f = useFormat();
  const { store } = useViewerContext();
  const tab = useSlice((s) => s.sidePanel);
  const machine = useSlice((s) => s.selection.machine);
  const order = useSlice((s) => s.selection.order);
  return (
    <div className="side-panel" data-testid="side-panel">
      <nav className="tabs" role="tablist" aria-label={f.t('panels.tabs')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab tab-active' : 'tab'}
            data-testid={`tab-${name}`}
            onClick={() => store.setState({ sidePanel: name })}
          >
            {f.t(`panels.tab.${name}`)}
            {name === 'machine' && machine && <span className="tab-sub"> · {machine}</span>}
            {name === 'order' && order && <span className="tab-sub"> · {order}</span>}
          </button>
        ))}
      </nav>
      <div className="tab-body" role="tabpanel">
        {tab === 'machine' &&
          (machine ? (
            <MachinePanel key={machine} id={machine} />
          ) : (
            <p className="panel-empty panel-hint">{f.t('panels.machine.empty')}</p>
          ))}
        {tab === 'order' &&
          (order ? (
            <OrderTracePanel key={order} id={order} />
          ) : (
            <p className="panel-empty panel-hint">{f.t('panels.order.empty')}</p>
          ))}
        {tab === 'planner' && <PlannerPanel />}
      </div>
    </div>
  );
}
