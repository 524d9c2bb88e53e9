package dev.shopreco.reliability.support;

import dev.shopreco.localkafka.LocalKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A broker that only speaks {@code SASL_SSL} (SCRAM-SHA-512 over TLS), with everything it needs made
 * at test time in a temporary folder: a throwaway CA, the broker's key and certificate signed by it
 * (for 127.0.0.1), a truststore holding the CA for the clients, and random passwords for the broker's
 * own SCRAM user, the application's user and the stores. Nothing of it is in the repository; the
 * secrets exist only in that folder and this object, for the test to check that no log repeats them.
 */
public final class SecureKafka implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String USER = "shop-reco";
    private static final String BROKER_USER = "broker";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String userPassword = secret();
    private final String brokerPassword = secret();
    private final String storePassword = secret();
    private final LocalKafka broker;

    public SecureKafka(final Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            writeStores();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the test CA and certificates", e);
        }
        final LocalKafka.Builder builder = LocalKafka.builder().securityProtocol("SASL_SSL")
                .scramUser(MECHANISM, BROKER_USER, brokerPassword)
                .scramUser(MECHANISM, USER, userPassword)
                .brokerSetting("sasl.enabled.mechanisms", MECHANISM)
                .brokerSetting("sasl.mechanism.inter.broker.protocol", MECHANISM)
                .brokerSetting("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(BROKER_USER, brokerPassword))
                .brokerSetting("ssl.keystore.type", "PKCS12")
                .brokerSetting("ssl.keystore.location", keystore().toString())
                .brokerSetting("ssl.keystore.password", storePassword)
                .brokerSetting("ssl.key.password", storePassword)
                .brokerSetting("ssl.truststore.type", "PKCS12")
                .brokerSetting("ssl.truststore.location", truststore().toString())
                .brokerSetting("ssl.truststore.password", storePassword);
        clientSettings(userPassword).forEach(builder::clientSetting);
        this.broker = builder.build().start(Duration.ofSeconds(90));
    }

    /** {@code 127.0.0.1:port} of the SASL_SSL listener (the only one clients can reach). */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The settings of a client of the application's user, as a {@code KAFKA_CLIENT_CONFIG_FILE} holds them. */
    public Map<String, String> clientSettings() {
        return clientSettings(userPassword);
    }

    /** The same settings with the password of {@code password}: what a wrong credential looks like. */
    public Map<String, String> clientSettings(final String password) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", MECHANISM);
        settings.put("sasl.jaas.config", jaas(USER, password));
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.location", truststore().toString());
        settings.put("ssl.truststore.password", storePassword);
        return settings;
    }

    /** Writes {@code settings} as a properties file named {@code name} in the test's folder. */
    public Path writeClientFile(final String name, final Map<String, String> settings) {
        final StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        final Path file = dir.resolve(name);
        try {
            Files.writeString(file, text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Every secret of this broker: none may appear in a log. */
    public List<String> secrets() {
        return List.of(userPassword, brokerPassword, storePassword);
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    private Path keystore() {
        return dir.resolve("broker.p12");
    }

    @Override
    public void close() {
        broker.close();
    }

    private static String jaas(final String user, final String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String secret() {
        final byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void writeStores() throws GeneralSecurityException, OperatorCreationException, IOException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        final Date from = Date.from(Instant.now().minus(Duration.ofHours(1)));
        final Date to = Date.from(Instant.now().plus(Duration.ofDays(1)));

        final KeyPair ca = generator.generateKeyPair();
        final X500Name caName = new X500Name("CN=shop-reco throwaway test CA");
        final X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to,
                caName, ca.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        final X509Certificate caCert = sign(caBuilder, ca.getPrivate());

        final KeyPair broker = generator.generateKeyPair();
        final X509v3CertificateBuilder brokerBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from,
                to, new X500Name("CN=127.0.0.1"), broker.getPublic())
                // clients check the broker's address against the certificate (ssl.endpoint.identification.algorithm=https)
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        final X509Certificate brokerCert = sign(brokerBuilder, ca.getPrivate());

        final KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry("broker", broker.getPrivate(), storePassword.toCharArray(),
                new Certificate[] {brokerCert, caCert});
        store(keystore, keystore());
        final KeyStore truststore = KeyStore.getInstance("PKCS12");
        truststore.load(null, null);
        truststore.setCertificateEntry("ca", caCert);
        store(truststore, truststore());
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private void store(final KeyStore store, final Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, storePassword.toCharArray());
        }
    }
}
