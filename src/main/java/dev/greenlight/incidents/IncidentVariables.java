package dev.greenlight.incidents;

/** The incident-response process's variables, shared by the BPMN, its workers, the API and the read model. */
public final class IncidentVariables {

  public static final String PROCESS_ID = "incident-response";
  /** The message whose start event opens an incident for an alert, correlated by {@link #ALERT_FINGERPRINT}. */
  public static final String OPENED_MESSAGE = "incident-opened";

  public static final String INCIDENT_ID = "incidentId";
  public static final String SEVERITY = "severity";
  public static final String SUMMARY = "summary";
  public static final String OPENED_BY = "openedBy";
  public static final String OPENED_VIA = "openedVia";
  public static final String OPENED_AT = "openedAt";
  public static final String ALERT_FINGERPRINT = "alertFingerprint";
  public static final String ALERT = "alert";
  public static final String RESPONSE_TARGET = "responseTarget";
  public static final String ESCALATION_LEVEL = "escalationLevel";
  public static final String PAGES = "pages";
  public static final String ACKNOWLEDGEMENT = "acknowledgement";
  public static final String REMEDIATION = "remediation";
  public static final String REMEDIATION_OUTCOME = "remediationOutcome";

  private IncidentVariables() {}
}
