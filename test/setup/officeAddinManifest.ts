/**
 * office-addin-mock imports office-addin-manifest only for its OfficeApp enum; the real
 * package pulls in ES modules jest cannot load. This gives the mock the same enum.
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
