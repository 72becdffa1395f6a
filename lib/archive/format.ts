/** What marks a file as a DM Desk archive, and the newest version of its layout this code reads. */
export const ARCHIVE_FORMAT = 'dm-desk-archive';
export const ARCHIVE_VERSION = 1;
