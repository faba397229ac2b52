"""The clerk's intake screen as a package: item picker, applicant form, checklist, decision and follow-up panels."""
