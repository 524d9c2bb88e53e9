package dev.shopreco.api.experiment;

/** No experiment of that name has served a list, and it is not the configured one: a 404. */
public final class ExperimentNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExperimentNotFoundException(final String name, final String configured) {
        super("Unknown experiment '" + name + "': no list was served in it; the running experiment is '"
                + configured + "'");
    }
}
