import type { OperationTable } from "../../types.js";
import { createUserImportJob } from "./createUserImportJob.js";
import { describeUserImportJob } from "./describeUserImportJob.js";
import { getCSVHeader } from "./getCSVHeader.js";
import { listUserImportJobs } from "./listUserImportJobs.js";
import { startUserImportJob } from "./startUserImportJob.js";
import { stopUserImportJob } from "./stopUserImportJob.js";

/** The user-import family: the CSV header, and the jobs that import a file uploaded to their PreSignedUrl. */
export const userImportOperations = {
  GetCSVHeader: getCSVHeader,
  CreateUserImportJob: createUserImportJob,
  DescribeUserImportJob: describeUserImportJob,
  ListUserImportJobs: listUserImportJobs,
  StartUserImportJob: startUserImportJob,
  StopUserImportJob: stopUserImportJob,
} satisfies OperationTable;
