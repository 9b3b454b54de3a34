/** Placeholder until this part of the viewer is built. */
export function SceneView() {
  return <div data-testid="SceneView" />;
}
