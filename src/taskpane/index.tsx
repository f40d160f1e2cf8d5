import { createRoot } from "react-dom/client";
import { App } from "./App";
import { detectHost } from "./host";

const container = document.getElementById("container");
if (container) {
  void detectHost().then((host) => createRoot(container).render(<App host={host} />));
}
