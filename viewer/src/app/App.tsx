import { GanttView } from '../gantt/GanttView.js';
import { KpiStrip } from '../panels/KpiStrip.js';
import { SidePanel } from '../panels/SidePanel.js';
import { SceneView } from '../scene/SceneView.js';
import { TimeScrubber } from '../timeline/TimeScrubber.js';
import { Header } from './Header.js';

/**
 * The page: header, KPI strip, the 3D plant beside the side panel (machine, order trace, planner tools), and
 * the time scrubber over the Gantt of the active plan.
 */
export function App() {
  return (
    <div className="app">
      <Header />
      <KpiStrip />
      <main className="app-main">
        <section className="scene-area">
          <SceneView />
        </section>
        <aside className="side-area">
          <SidePanel />
        </aside>
      </main>
      <section className="bottom-area">
        <TimeScrubber />
        <GanttView />
      </section>
    </div>
  );
}
