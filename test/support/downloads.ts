/**
 * Downloads the workbench makes, caught in jsdom: it builds a blob URL and clicks a link;
 * here the blobs are kept and the click does nothing, so a test can read what was saved.
 */
export function catchDownloads(): { clicked: jest.SpyInstance; bytes(): Promise<ArrayBuffer> } {
  const blobs: Blob[] = [];
  const urls = URL as unknown as {
    createObjectURL: (blob: Blob) => string;
    revokeObjectURL: (url: string) => void;
  };
  urls.createObjectURL = (blob: Blob) => (blobs.push(blob), "blob:plan");
  urls.revokeObjectURL = () => undefined;
  const clicked = jest
    .spyOn(HTMLAnchorElement.prototype, "click")
    .mockImplementation(() => undefined);
  return {
    clicked,
    // jsdom's Blob has no arrayBuffer(): read it as a browser of its age would.
    bytes: () =>
      new Promise<ArrayBuffer>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.readAsArrayBuffer(blobs[0]);
      }),
  };
}
