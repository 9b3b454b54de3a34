/** Placeholder until this part of the viewer is built. */
export function GanttView() {
  return <div data-testid="GanttView" />;
}
