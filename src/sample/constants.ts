/** Named apart from the sample generator, so the pane can name the sample without loading it. */
export const SAMPLE_FILE_NAME = "FY2027 Sales Plan (sample).xlsx";

/** The sample's funnel: four open stages, then Closed Won (as its StageReached column names them). */
export const STAGES = ["Lead", "Qualified", "Proposal", "Negotiation", "Closed Won"];
