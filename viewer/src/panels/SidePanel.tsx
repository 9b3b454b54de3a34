/** Placeholder until this part of the viewer is built. */
export function SidePanel() {
  return <div data-testid="SidePanel" />;
}
