// Excel's CustomFunctions global, as the workbench provides it outside Excel.
import "../../src/functions/outsideExcelRuntime";
